// interp.js — a switch-dispatched bytecode interpreter: a tiny assembler
// turns text programs into an array of opcodes, and a stack machine with
// locals, jumps and calls runs them (primes by trial division, Collatz
// chain lengths, an iterative Fibonacci modulo a prime).
var log = typeof print === "function" ? print : console.log;

var OP = {
    push: 0, load: 1, store: 2, add: 3, sub: 4, mul: 5, mod: 6, div: 7,
    lt: 8, eq: 9, jmp: 10, jz: 11, jnz: 12, dup: 13, pop: 14, call: 15,
    ret: 16, halt: 17, inc: 18, swap: 19,
};

function assemble(source) {
    var lines = source.split("\n"), code = [], labels = {}, fixups = [];
    for (var i = 0; i < lines.length; i++) {
        var line = lines[i].trim();
        if (line === "" || line[0] === ";")
            continue;
        if (line.endsWith(":")) {
            labels[line.slice(0, -1)] = code.length;
            continue;
        }
        var parts = line.split(" "), op = OP[parts[0]];
        if (op === undefined)
            throw new Error("unknown instruction " + parts[0]);
        code.push(op);
        if (parts.length > 1) {
            var arg = parts[1], num = Number(arg);
            if (!Number.isNaN(num)) {
                code.push(num);
            } else {
                fixups.push({ at: code.length, label: arg });
                code.push(0);
            }
        }
    }
    for (var f = 0; f < fixups.length; f++)
        code[fixups[f].at] = labels[fixups[f].label];
    return code;
}

function execute(code, nlocals) {
    var stack = new Array(256), sp = 0;
    var locals = new Array(nlocals * 64).fill(0), fp = 0;
    var calls = [], pc = 0, steps = 0, a, b;
    for (;;) {
        steps++;
        switch (code[pc++]) {
        case 0: stack[sp++] = code[pc++]; break;
        case 1: stack[sp++] = locals[fp + code[pc++]]; break;
        case 2: locals[fp + code[pc++]] = stack[--sp]; break;
        case 3: b = stack[--sp]; a = stack[--sp]; stack[sp++] = a + b; break;
        case 4: b = stack[--sp]; a = stack[--sp]; stack[sp++] = a - b; break;
        case 5: b = stack[--sp]; a = stack[--sp]; stack[sp++] = a * b; break;
        case 6: b = stack[--sp]; a = stack[--sp]; stack[sp++] = a % b; break;
        case 7: b = stack[--sp]; a = stack[--sp]; stack[sp++] = (a / b) | 0; break;
        case 8: b = stack[--sp]; a = stack[--sp]; stack[sp++] = a < b ? 1 : 0; break;
        case 9: b = stack[--sp]; a = stack[--sp]; stack[sp++] = a === b ? 1 : 0; break;
        case 10: pc = code[pc]; break;
        case 11: if (stack[--sp] === 0) pc = code[pc]; else pc++; break;
        case 12: if (stack[--sp] !== 0) pc = code[pc]; else pc++; break;
        case 13: stack[sp] = stack[sp - 1]; sp++; break;
        case 14: sp--; break;
        case 15: calls.push(pc + 1, fp); fp += nlocals; locals[fp] = stack[--sp]; pc = code[pc]; break;
        case 16: fp = calls.pop(); pc = calls.pop(); break;
        case 17: return { result: stack[sp - 1], steps: steps };
        case 18: locals[fp + code[pc++]]++; break;
        case 19: a = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = a; break;
        default: throw new Error("bad opcode at " + (pc - 1));
        }
    }
}

// locals: 0 n, 1 count, 2 candidate, 3 divisor
var PRIMES = `
    push 2
    store 2
    push 0
    store 1
loop:
    load 2
    load 0
    lt
    jz done
    load 2
    call isprime
    load 1
    add
    store 1
    inc 2
    jmp loop
done:
    load 1
    halt
; isprime(local 0) -> 0/1, divisor in local 3
isprime:
    push 2
    store 3
try:
    load 3
    load 3
    mul
    load 0
    swap
    lt
    jnz yes
    load 0
    load 3
    mod
    jz no
    inc 3
    jmp try
yes:
    push 1
    ret
no:
    push 0
    ret
`;

// locals: 0 limit, 1 total, 2 start, 3 x
var COLLATZ = `
    push 1
    store 2
    push 0
    store 1
outer:
    load 2
    load 0
    lt
    jz end
    load 2
    store 3
inner:
    load 3
    push 1
    eq
    jnz next
    inc 1
    load 3
    push 2
    mod
    jz even
    load 3
    push 3
    mul
    push 1
    add
    store 3
    jmp inner
even:
    load 3
    push 2
    div
    store 3
    jmp inner
next:
    inc 2
    jmp outer
end:
    load 1
    halt
`;

// locals: 0 n, 1 a, 2 b, 3 i
var FIB = `
    push 0
    store 1
    push 1
    store 2
    push 0
    store 3
step:
    load 3
    load 0
    lt
    jz fin
    load 1
    load 2
    add
    push 1000003
    mod
    load 2
    store 1
    store 2
    inc 3
    jmp step
fin:
    load 1
    halt
`;

function runProgram(source, input) {
    var code = assemble(source);
    code.unshift(OP.push, input, OP.store, 0);
    // jump targets were computed without the 4-word prologue
    for (var i = 4; i < code.length; i++) {
        var op = code[i];
        if (op === OP.push || op === OP.load || op === OP.store || op === OP.inc) {
            i++;
        } else if (op === OP.jmp || op === OP.jz || op === OP.jnz || op === OP.call) {
            code[i + 1] += 4;
            i++;
        }
    }
    return execute(code, 4);
}

var checksum = 0;
var tests = [[PRIMES, 15000], [COLLATZ, 4000], [FIB, 150000]];
for (var t = 0; t < tests.length; t++) {
    var r = runProgram(tests[t][0], tests[t][1]);
    checksum = (checksum + r.result * 31 + r.steps) % 1000000007;
}
log("interp checksum " + checksum);
