export default definePageConfig({
  navigationBarTitleText: '普法宣传登记'
})
