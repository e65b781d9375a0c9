import type { UserConfigExport } from '@tarojs/cli';

/** Production overrides: minified output measured by the package-size budget. */
export default {
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>;
