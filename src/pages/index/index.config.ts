export default definePageConfig({ navigationBarTitleText: '群运', enableShareAppMessage: true, enablePullDownRefresh: true });
