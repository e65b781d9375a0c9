export default definePageConfig({ navigationBarTitleText: '群运' });
