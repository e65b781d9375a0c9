export default definePageConfig({ navigationBarTitleText: '创建打卡营' });
