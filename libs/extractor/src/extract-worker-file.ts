import path from 'node:path';

/**
 * Absolute path of the compiled piscina task file. It sits beside this module both in the tsc build
 * (.build/libs/extractor/src/) and in the worker's webpack bundle, which emits it as its own entry
 * next to main.js (webpack leaves __dirname to Node for node targets).
 */
export const extractWorkerFile = path.join(__dirname, 'extract.worker.js');
