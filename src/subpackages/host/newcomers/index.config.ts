export default definePageConfig({ navigationBarTitleText: '新人欢迎' });
