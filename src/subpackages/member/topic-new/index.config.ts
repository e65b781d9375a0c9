export default definePageConfig({ navigationBarTitleText: '发起话题' });
