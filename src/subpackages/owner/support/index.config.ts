export default definePageConfig({ navigationBarTitleText: '客服数据与话术' });
