export default definePageConfig({ navigationBarTitleText: '运营日历' });
