export default definePageConfig({ navigationBarTitleText: '打卡笔记' });
