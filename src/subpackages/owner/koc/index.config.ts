export default definePageConfig({ navigationBarTitleText: '贡献榜与入群完成度' });
