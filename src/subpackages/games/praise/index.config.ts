export default definePageConfig({ navigationBarTitleText: '表扬成员' });
