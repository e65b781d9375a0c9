export default definePageConfig({ navigationBarTitleText: '群榜', enableShareAppMessage: true });
