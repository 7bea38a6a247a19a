// The playground's page, script and styles are files served as they are: emitted beside the bundle
// (dist/apps/api/static), where the playground controller reads them at start.
const fs = require('node:fs');
const path = require('node:path');

const STATIC_DIR = path.resolve(__dirname, 'src/playground/static');

class EmitPlaygroundFiles {
  apply(compiler) {
    const { RawSource } = compiler.webpack.sources;
    compiler.hooks.thisCompilation.tap(EmitPlaygroundFiles.name, (compilation) => {
      compilation.hooks.processAssets.tap({ name: EmitPlaygroundFiles.name, stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        compilation.contextDependencies.add(STATIC_DIR);
        for (const name of fs.readdirSync(STATIC_DIR)) compilation.emitAsset(`apps/api/static/${name}`, new RawSource(fs.readFileSync(path.join(STATIC_DIR, name))));
      });
    });
  }
}

module.exports = (options) => ({ ...options, plugins: [...options.plugins, new EmitPlaygroundFiles()] });
