export default definePageConfig({ navigationBarTitleText: '会员与续费' });
