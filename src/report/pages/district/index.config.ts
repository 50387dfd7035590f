export default definePageConfig({
  navigationBarTitleText: '区级报表'
})
