export default definePageConfig({ navigationBarTitleText: '写帖子' });
