export default definePageConfig({ navigationBarTitleText: '邀请奖励与数据口径' });
