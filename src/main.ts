// `npm start`: the main job. Filled in by the emulation layer (demo) and later the VSP JIT report.
console.log('dynasm-ts: nothing to run yet.');
