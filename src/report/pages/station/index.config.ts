export default definePageConfig({
  navigationBarTitleText: '站点统计'
})
