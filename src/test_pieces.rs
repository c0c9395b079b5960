//! Test support: strings generated from pieces by a fixed-seed generator,
//! so that a test can compare a fast path with its oracle (html5ever, a
//! regex) on thousands of inputs and fail the same way on every run.

/// A fixed-seed generator of strings made of given pieces.
pub(crate) struct Pieces {
    state: u64,
}

impl Pieces {
    pub(crate) fn seeded(seed: u64) -> Self {
        Pieces { state: seed }
    }

    /// `count` pieces, each drawn from `pieces`, joined.
    pub(crate) fn string(&mut self, pieces: &[&str], count: usize) -> String {
        (0..count)
            .map(|_| {
                self.state = self
                    .state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                pieces[(self.state >> 33) as usize % pieces.len()]
            })
            .collect()
    }
}
