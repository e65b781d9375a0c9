import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

/** Taro build config shared by the weapp and h5 targets (webpack5 runner, DESIGN §9). */
export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'qunyun',
    date: '2026-11-24',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    // Makes dist/weapp/project.config.json's cloudfunctionRoot valid from dist/weapp (see the file).
    plugins: [path.join(__dirname, 'devtoolsProject.js')],
    defineConstants: {
      QUNYUN_CLOUD_ENV: JSON.stringify(process.env.QUNYUN_CLOUD_ENV ?? ''),
      QUNYUN_LESSON_TEMPLATE_ID: JSON.stringify(process.env.QUNYUN_LESSON_TEMPLATE_ID ?? ''),
      QUNYUN_CHECKIN_TEMPLATE_ID: JSON.stringify(process.env.QUNYUN_CHECKIN_TEMPLATE_ID ?? ''),
      QUNYUN_CONTENT_TEMPLATE_ID: JSON.stringify(process.env.QUNYUN_CONTENT_TEMPLATE_ID ?? ''),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'browser' },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[hash].css', chunkFilename: 'css/[name].[chunkhash].css' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
  };
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
