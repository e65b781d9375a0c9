export default definePageConfig({ navigationBarTitleText: '扫码入群', enableShareAppMessage: true });
