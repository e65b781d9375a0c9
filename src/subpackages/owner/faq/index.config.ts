export default definePageConfig({ navigationBarTitleText: '关键字回复' });
