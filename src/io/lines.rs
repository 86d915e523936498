//! The input of `stream`: a thread that reads lines into a bounded queue as
//! they come, and batches of the lines already read.

use std::io::{BufRead, BufReader, Read};
use std::sync::mpsc::{Receiver, TryRecvError, sync_channel};

/// A line read from the input: its 1-based number and its bytes without
/// the line ending.
pub(crate) type Line = (u64, Vec<u8>);

/// The lines of an input, read on their own thread.
pub(crate) struct Lines {
    queue: Receiver<std::io::Result<Line>>,
}

impl Lines {
    /// Starts the thread that reads `input` into a queue of at most `capacity`
    /// lines. Blank lines are counted but not queued. The queue closes at the end
    /// of the input, after a read error (which is queued), or when the receiver
    /// is dropped.
    pub(crate) fn spawn<R: Read + Send + 'static>(input: R, capacity: usize) -> Lines {
        let (tx, rx) = sync_channel(capacity);
        std::thread::spawn(move || {
            let mut reader = BufReader::with_capacity(1 << 16, input);
            let mut number = 0u64;
            loop {
                let mut line = Vec::new();
                match reader.read_until(b'\n', &mut line) {
                    Ok(0) => return,
                    Ok(_) => {
                        number += 1;
                        if line.last() == Some(&b'\n') {
                            line.pop();
                            if line.last() == Some(&b'\r') {
                                line.pop();
                            }
                        }
                        if line.iter().all(u8::is_ascii_whitespace) {
                            continue;
                        }
                        if tx.send(Ok((number, line))).is_err() {
                            return;
                        }
                    }
                    Err(e) => {
                        let _ = tx.send(Err(e));
                        return;
                    }
                }
            }
        });
        Lines { queue: rx }
    }

    /// The next batch: waits for one line, then takes the lines already queued,
    /// `most` in all. Empty at the end of the input. A read error ends the
    /// batch and is returned beside the lines read before it.
    pub(crate) fn next_batch(&self, most: usize) -> (Vec<Line>, Option<std::io::Error>) {
        let lines = &self.queue;
        let mut batch = Vec::new();
        match lines.recv() {
            Ok(Ok(line)) => batch.push(line),
            Ok(Err(e)) => return (batch, Some(e)),
            Err(_) => return (batch, None),
        }
        while batch.len() < most {
            match lines.try_recv() {
                Ok(Ok(line)) => batch.push(line),
                Ok(Err(e)) => return (batch, Some(e)),
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => break,
            }
        }
        (batch, None)
    }
}
