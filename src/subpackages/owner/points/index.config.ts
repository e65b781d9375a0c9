export default definePageConfig({ navigationBarTitleText: '积分审计' });
