export default definePageConfig({ navigationBarTitleText: '点评打卡' });
