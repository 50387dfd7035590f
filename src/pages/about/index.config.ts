export default definePageConfig({
  navigationBarTitleText: '关于与隐私'
})
