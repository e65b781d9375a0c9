// Taro plugin: Taro copies the root project.config.json into dist/weapp/ (with miniprogramRoot './'),
// but its cloudfunctionRoot is relative to the repository root and points nowhere from dist/weapp.
// After each weapp build this rewrites it relative to dist/weapp, so DevTools works opened on either.
const fs = require('node:fs');
const path = require('node:path');

/**
 * The project.config.json for `outputPath`, from the root one at `appPath`: the same settings, the
 * mini-program at './' and cloudfunctionRoot naming the same folder as seen from `outputPath`.
 */
function distProjectConfig(rootConfig, appPath, outputPath) {
  const config = { ...rootConfig, miniprogramRoot: './' };
  if (typeof rootConfig.cloudfunctionRoot === 'string') {
    const target = path.resolve(appPath, rootConfig.cloudfunctionRoot);
    config.cloudfunctionRoot = `${path.relative(outputPath, target).split(path.sep).join('/')}/`;
  }
  config.description = 'DevTools project for dist/weapp (generated from the root project.config.json by config/devtoolsProject.js)';
  return config;
}

module.exports = (ctx) => {
  ctx.onBuildFinish(() => {
    if (process.env.TARO_ENV !== 'weapp') return;
    const { appPath, outputPath } = ctx.paths;
    const file = path.join(outputPath, 'project.config.json');
    if (!fs.existsSync(file)) return;
    // Taro may have taken appid from TARO_APP_ID: keep what it wrote, fix only the roots.
    const written = JSON.parse(fs.readFileSync(file, 'utf8'));
    const rootConfig = JSON.parse(fs.readFileSync(path.join(appPath, 'project.config.json'), 'utf8'));
    const next = distProjectConfig({ ...written, cloudfunctionRoot: rootConfig.cloudfunctionRoot }, appPath, outputPath);
    fs.writeFileSync(file, `${JSON.stringify(next, null, 2)}\n`);
  });
};
module.exports.distProjectConfig = distProjectConfig;
