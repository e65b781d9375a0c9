export default definePageConfig({ navigationBarTitleText: '答疑与客服' });
