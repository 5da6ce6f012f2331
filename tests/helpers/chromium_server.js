// One Chromium for all of an xdist worker's browser tests: Playwright launches it (its own switches, as a
// launch from Python would) and serves it on 127.0.0.1; each test module connects to it (tests/helpers/browser.py).
// Arguments: the playwright-core package Python's playwright carries, Chromium's path, its extra flags as JSON.
// Prints the address to connect to; closes the browser when its standard input ends (the worker is done or gone).
const [core, executablePath, flags] = process.argv.slice(2);
require(core)
  .chromium.launchServer({ executablePath, args: JSON.parse(flags), headless: true, host: "127.0.0.1" })
  .then((server) => {
    process.stdout.write(server.wsEndpoint() + "\n");
    process.stdin.on("end", () => server.close().then(() => process.exit(0)));
    process.stdin.resume();
  });
