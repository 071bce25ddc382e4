// Builds the task pane into dist/addin: taskpane.js + taskpane.html, help.html, the icons and the
// manifest. Type checking is tsc's job (npm test runs it), so ts-loader only transpiles.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
// webpack's own minimizer package, resolved from webpack so no extra dependency is needed.
const MinimizerPlugin = require(require.resolve('minimizer-webpack-plugin', { paths: [path.dirname(require.resolve('webpack/package.json'))] }));

const DEV_PORT = 3000;
const certDir = path.join(os.homedir(), '.office-addin-dev-certs');

/** The office-addin-dev-certs files, read directly; webpack-dev-server's own certificate when they are absent. */
function httpsServer() {
  const files = { key: 'localhost.key', cert: 'localhost.crt', ca: 'ca.crt' };
  const paths = Object.fromEntries(Object.entries(files).map(([k, f]) => [k, path.join(certDir, f)]));
  if (Object.values(paths).every((p) => fs.existsSync(p))) {
    const options = Object.fromEntries(Object.entries(paths).map(([k, p]) => [k, fs.readFileSync(p)]));
    return { type: 'https', options };
  }
  console.warn(
    `No certificates in ${certDir} (run: npx office-addin-dev-certs install); ` +
      'using a self-signed certificate that Office will not trust.',
  );
  return { type: 'https' };
}

module.exports = (env, argv) => {
  const development = argv.mode !== 'production';
  return {
    mode: development ? 'development' : 'production',
    devtool: development ? 'eval-source-map' : false,
    entry: { taskpane: './src/taskpane/index.tsx' },
    // Rebuilds (dev loop, the browser test) reuse parsed modules; a fresh clone builds from scratch.
    cache: { type: 'filesystem', buildDependencies: { config: [__filename] } },
    output: {
      path: path.resolve(__dirname, 'dist/addin'),
      filename: '[name].js',
      clean: true,
    },
    resolve: {
      extensions: ['.tsx', '.ts', '.js'],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: { transpileOnly: true, compilerOptions: { noEmit: false, module: 'esnext', sourceMap: true } },
          },
        },
      ],
    },
    // The pane runs in a browser: a Node built-in or the xlsx host pulled in by mistake fails the build.
    externals: [
      ({ request }, callback) => {
        if (request && (request.startsWith('node:') || request === 'exceljs' || /hosts\/xlsx/.test(request))) {
          return callback(new Error(`The task pane must not import ${request} (Node-only); use the Excel host.`));
        }
        return callback();
      },
    ],
    plugins: [
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['taskpane'],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets', to: 'assets' },
          { from: 'manifest.xml', to: 'manifest.xml' },
          { from: 'src/taskpane/help.html', to: 'help.html' },
        ],
      }),
    ],
    // esbuild minifies Fluent UI's large bundle in seconds where terser takes over a minute.
    optimization: {
      minimizer: [new MinimizerPlugin({ minify: MinimizerPlugin.esbuildMinify, minimizerOptions: { target: 'es2020' } })],
    },
    performance: { hints: false },
    devServer: env.WEBPACK_SERVE
      ? {
          port: DEV_PORT,
          server: httpsServer(),
          headers: { 'Access-Control-Allow-Origin': '*' },
          static: false,
          hot: false,
        }
      : undefined,
  };
};
