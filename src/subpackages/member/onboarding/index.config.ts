export default definePageConfig({ navigationBarTitleText: '入群仪式' });
