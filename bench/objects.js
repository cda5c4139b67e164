// objects.js — property access and method calls on objects of several
// shapes: a small 2D scene of classes sharing a base class, visited by
// polymorphic code, plus object literals built and updated in a loop.
var log = typeof print === "function" ? print : console.log;

class Shape {
    constructor(x, y) {
        this.x = x;
        this.y = y;
    }
    move(dx, dy) {
        this.x += dx;
        this.y += dy;
    }
}

class Circle extends Shape {
    constructor(x, y, r) {
        super(x, y);
        this.r = r;
    }
    area() { return 3 * this.r * this.r; }
    box() { return { left: this.x - this.r, top: this.y - this.r, w: 2 * this.r, h: 2 * this.r }; }
}

class Rect extends Shape {
    constructor(x, y, w, h) {
        super(x, y);
        this.w = w;
        this.h = h;
    }
    area() { return this.w * this.h; }
    box() { return { left: this.x, top: this.y, w: this.w, h: this.h }; }
}

class Square extends Rect {
    constructor(x, y, s) {
        super(x, y, s, s);
        this.label = "sq";
    }
}

class Triangle extends Shape {
    constructor(x, y, b, h) {
        super(x, y);
        this.base = b;
        this.height = h;
        this.flipped = false;
    }
    area() { return (this.base * this.height) >> 1; }
    box() { return { left: this.x, top: this.y, w: this.base, h: this.height }; }
}

function makeScene(n) {
    var scene = [];
    var seed = 12345;
    for (var i = 0; i < n; i++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        var x = seed % 1000, y = (seed >> 10) % 1000, k = seed % 4;
        if (k === 0)
            scene.push(new Circle(x, y, 1 + (seed % 17)));
        else if (k === 1)
            scene.push(new Rect(x, y, 1 + (seed % 23), 1 + (seed % 11)));
        else if (k === 2)
            scene.push(new Square(x, y, 1 + (seed % 13)));
        else
            scene.push(new Triangle(x, y, 2 + (seed % 19), 2 + (seed % 7)));
    }
    return scene;
}

function overlaps(a, b) {
    return a.left < b.left + b.w && b.left < a.left + a.w &&
           a.top < b.top + b.h && b.top < a.top + a.h;
}

function step(scene, frame) {
    var total = 0, hits = 0;
    var probe = { left: (frame * 37) % 1000, top: (frame * 91) % 1000, w: 120, h: 120 };
    for (var i = 0; i < scene.length; i++) {
        var s = scene[i];
        s.move(((i + frame) % 3) - 1, ((i * 7 + frame) % 3) - 1);
        total += s.area();
        if (overlaps(s.box(), probe))
            hits++;
    }
    return total + hits;
}

// plain records: literals with the same keys in the same order share a
// shape; a few get an extra property and take another one
function records(n) {
    var list = [], sum = 0;
    for (var i = 0; i < n; i++) {
        var r = { id: i, name: "item", price: i % 100, qty: i % 7 };
        if (i % 5 === 0)
            r.discount = 3;
        list.push(r);
    }
    for (var pass = 0; pass < 10; pass++) {
        for (var j = 0; j < list.length; j++) {
            var rec = list[j];
            rec.qty = (rec.qty + pass) % 9;
            sum += rec.price * rec.qty - (rec.discount !== undefined ? rec.discount : 0);
        }
    }
    return sum;
}

var scene = makeScene(2000);
var checksum = 0;
for (var frame = 0; frame < 300; frame++)
    checksum = (checksum + step(scene, frame)) % 1000000007;
checksum = (checksum + records(20000)) % 1000000007;
log("objects checksum " + checksum);
