/**
 * Jest projects:
 * - unit: domain, cloud handlers, storage adapters, host, services, stores (ts-jest, node)
 * - pages: pages rendered through Taro's H5 runtime with @testing-library/react (babel-jest, jsdom)
 * - native: compiled weapp pages from dist/ under miniprogram-simulate (needs `npm run build:weapp`)
 * - browser: the H5 build in Debian's Chromium via playwright-core against the host (needs the H5 build)
 */
const common = {
  rootDir: __dirname,
  moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'json'],
  moduleNameMapper: {
    '^@/(.*)$': '<rootDir>/src/$1'
  }
}

const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: false }]

module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/{domain,cloud,server,services,stores,scripts}/**/*.test.ts'],
      transform: { '^.+\\.tsx?$': tsJest }
    },
    {
      ...common,
      displayName: 'pages',
      testEnvironment: 'jsdom',
      // jsdom defaults to the 'browser' export condition, which picks ESM-only builds (e.g. nanoid)
      testEnvironmentOptions: { url: 'http://localhost/', customExportConditions: ['node', 'node-addons'] },
      testMatch: ['<rootDir>/tests/pages/**/*.test.tsx'],
      setupFiles: ['<rootDir>/tests/support/jest.setup-h5.js'],
      // babel-jest + babel.config.js (babel-preset-taro switches to CommonJS when NODE_ENV=test)
      transform: { '^.+\\.(mjs|[jt]sx?)$': 'babel-jest' },
      // @tarojs/* ship ESM only; only the first node_modules segment decides
      transformIgnorePatterns: ['^(?:(?!/node_modules/).)*/node_modules/(?!(@tarojs|@stencil|classnames|swiper|ssr-window|dom7|query-string|decode-uri-component|split-on-first|filter-obj|lodash-es)/)'],
      moduleNameMapper: {
        ...common.moduleNameMapper,
        '^@tarojs/taro$': '<rootDir>/tests/support/taro-h5.js',
        '^@tarojs/components$': '@tarojs/components/lib/react',
        '\\.(css|scss|sass|less)$': '<rootDir>/tests/support/style-stub.js'
      }
    },
    {
      ...common,
      displayName: 'native',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/tests/native/**/*.test.js'],
      transform: {}
    },
    {
      ...common,
      displayName: 'browser',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/browser/**/*.test.ts'],
      transform: { '^.+\\.tsx?$': tsJest }
    }
  ]
}
