export default definePageConfig({ navigationBarTitleText: '问答与处理' });
