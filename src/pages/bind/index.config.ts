export default definePageConfig({
  navigationBarTitleText: '绑定站点'
})
