export default definePageConfig({ navigationBarTitleText: '邀请、等级与数据口径' });
