export default definePageConfig({ navigationBarTitleText: '周活动日历', enableShareAppMessage: true });
