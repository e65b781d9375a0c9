export default definePageConfig({ navigationBarTitleText: '新人介绍' });
