export default definePageConfig({ navigationBarTitleText: '贡献榜与新人' });
