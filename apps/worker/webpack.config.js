// The extraction thread pool loads its task from a file of its own, so the worker bundle has two entries.
const path = require('node:path');

module.exports = (options) => ({
  ...options,
  entry: {
    main: options.entry,
    'extract.worker': path.resolve(__dirname, '../../libs/extractor/src/extract.worker.ts'),
  },
  output: { ...options.output, filename: 'apps/worker/[name].js' },
});
