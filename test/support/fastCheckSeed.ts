import fc from 'fast-check';

// CI pins the property tests' seed (FC_SEED in .ci/run) so a run is reproducible; locally each
// run draws a new seed, and fast-check prints it with any counterexample for FC_SEED to replay.
if (process.env.FC_SEED) fc.configureGlobal({ seed: Number(process.env.FC_SEED) });
