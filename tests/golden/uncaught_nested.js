// exit status: 1
// An error thrown through native code and several calls: one stack frame
// per call, the innermost first, with the native frame marked as such.
function parse(text) {
    return JSON.parse(text);
}

function loadConfig(text) {
    var config = parse(text);
    return config;
}

class App {
    start() {
        return loadConfig("{ bad json");
    }
}

print("starting");
new App().start();
