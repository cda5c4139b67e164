// json.js — JSON round trips: a catalogue of nested records (strings with
// characters that need escaping, integers, fractions, booleans, null,
// arrays) serialised with JSON.stringify, read back with JSON.parse, with
// a replacer, a reviver and indentation in the mix.
var log = typeof print === "function" ? print : console.log;

var TAGS = ["new", "sale", "eco", "limited", "import", "gift"];

function makeCatalogue(n, seed) {
    var items = [];
    for (var i = 0; i < n; i++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        var tags = [];
        for (var t = 0; t < seed % 4; t++)
            tags.push(TAGS[(seed >> t) % TAGS.length]);
        items.push({
            id: i,
            sku: "SKU-" + (seed % 100000),
            title: "Item \"" + i + "\"\tline\\" + (seed % 13),
            price: (seed % 100000) / 100,
            stock: seed % 50,
            active: (seed & 1) === 1,
            discontinued: null,
            tags: tags,
            dims: { w: seed % 30, h: (seed >> 3) % 30, d: (seed >> 6) % 30 },
        });
    }
    return { version: 3, generated: "2024-01-01T00:00:00Z", items: items };
}

function checksumOf(text) {
    var h = 0;
    for (var i = 0; i < text.length; i += 7)
        h = (h * 31 + text.charCodeAt(i)) | 0;
    return (h >>> 0) + text.length;
}

function run() {
    var acc = 0;
    for (var round = 0; round < 12; round++) {
        var cat = makeCatalogue(4000, round + 1);
        var text = JSON.stringify(cat);
        acc = (acc + checksumOf(text)) % 1000000007;

        var back = JSON.parse(text);
        var stock = 0, priceCents = 0;
        for (var i = 0; i < back.items.length; i++) {
            var it = back.items[i];
            stock += it.stock + it.tags.length + it.dims.w;
            priceCents += Math.round(it.price * 100);
        }
        acc = (acc + stock + priceCents % 1000000) % 1000000007;

        var again = JSON.stringify(back);
        acc = (acc + (again === text ? 1 : 0)) % 1000000007;

        var slim = JSON.stringify(back.items.slice(0, 800), ["id", "sku", "price", "dims", "w"], 2);
        acc = (acc + checksumOf(slim)) % 1000000007;

        var revived = JSON.parse(slim, function (key, value) {
            return key === "price" ? Math.floor(value) : value;
        });
        for (var r = 0; r < revived.length; r++)
            acc = (acc + revived[r].price + revived[r].dims.w) % 1000000007;
    }
    return acc;
}

log("json checksum " + run());
