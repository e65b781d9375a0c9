import type { UserConfigExport } from '@tarojs/cli';

/** Development overrides: readable output, no minification. */
export default {
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>;
