// tree.js — allocation-heavy: binary trees built bottom-up and walked, in
// the style of the classic binary-trees benchmark. One long-lived tree
// stays alive while many short-lived ones are created and dropped, so the
// collector (or reference counting) does most of the work.
var log = typeof print === "function" ? print : console.log;

class TreeNode {
    constructor(left, right) {
        this.left = left;
        this.right = right;
    }
    check() {
        return this.left === null ? 1 : 1 + this.left.check() + this.right.check();
    }
}

function bottomUp(depth) {
    return depth > 0 ? new TreeNode(bottomUp(depth - 1), bottomUp(depth - 1))
                     : new TreeNode(null, null);
}

// a second node kind (object literal with an array of children) so the
// benchmark is not a single shape
function wideTree(depth, fanout) {
    if (depth === 0)
        return { value: 1, kids: [] };
    var kids = [];
    for (var i = 0; i < fanout; i++)
        kids.push(wideTree(depth - 1, fanout));
    return { value: depth, kids: kids };
}

function sumWide(node) {
    var s = node.value;
    for (var i = 0; i < node.kids.length; i++)
        s += sumWide(node.kids[i]);
    return s;
}

function run(maxDepth) {
    var minDepth = 4, acc = 0;
    var stretch = bottomUp(maxDepth + 1);
    acc += stretch.check();
    stretch = null;

    var longLived = bottomUp(maxDepth);
    for (var depth = minDepth; depth <= maxDepth; depth += 2) {
        var iterations = 1 << (maxDepth - depth + minDepth);
        var check = 0;
        for (var i = 0; i < iterations; i++)
            check += bottomUp(depth).check();
        acc = (acc + iterations + check) % 1000000007;
    }
    acc = (acc + longLived.check()) % 1000000007;

    for (var k = 0; k < 40; k++)
        acc = (acc + sumWide(wideTree(6, 4))) % 1000000007;
    return acc;
}

log("tree checksum " + run(14));
