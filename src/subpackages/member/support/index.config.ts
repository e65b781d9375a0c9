export default definePageConfig({ navigationBarTitleText: '求助中心' });
