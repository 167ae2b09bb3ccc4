// The project's WASM SIMD kernels, in AssemblyScript (compiled by
// scripts/setup/35-simd-kernels.mjs into lib/train/kernels/simd.generated.ts).
// They run inside tfjs's WASM memory (imported), on the calling thread, and
// touch only the addresses they are given: tensors tfjs allocated and scratch
// the caller took with tfjs's malloc. No allocation, no static data.

// ---- BatchNormalization in training ---------------------------------------

/**
 * Per channel of x [rows, C]: Σ(x − shift) and Σ(x − shift)² into acc
 * (f64 [2C], zero at entry). shift (f32 [C]) is the first row, which keeps
 * E[x²] − E[x]² accurate when the mean is far from zero.
 */
export function batchNormSums(x: usize, rows: i32, channels: i32, shift: usize, acc: usize): void {
  const squares = acc + (<usize>channels << 3);
  const rowBytes = <usize>channels << 2;
  for (let r = 0; r < rows; r++) {
    const row = x + <usize>r * rowBytes;
    let c = 0;
    for (; c + 4 <= channels; c += 4) {
      const v = f32x4.sub(v128.load(row + (<usize>c << 2)), v128.load(shift + (<usize>c << 2)));
      const lo = f64x2.promote_low_f32x4(v);
      const hi = f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 0, 1));
      const s = acc + (<usize>c << 3);
      v128.store(s, f64x2.add(v128.load(s), lo));
      v128.store(s + 16, f64x2.add(v128.load(s + 16), hi));
      const q = squares + (<usize>c << 3);
      v128.store(q, f64x2.add(v128.load(q), f64x2.mul(lo, lo)));
      v128.store(q + 16, f64x2.add(v128.load(q + 16), f64x2.mul(hi, hi)));
    }
    for (; c < channels; c++) {
      const d = <f64>(load<f32>(row + (<usize>c << 2)) - load<f32>(shift + (<usize>c << 2)));
      const s = acc + (<usize>c << 3);
      store<f64>(s, load<f64>(s) + d);
      const q = squares + (<usize>c << 3);
      store<f64>(q, load<f64>(q) + d * d);
    }
  }
}

/** y = x·a + b per channel (a, b: f32 [C]) over x, y [rows, C]. */
export function channelAffine(x: usize, y: usize, rows: i32, channels: i32, a: usize, b: usize): void {
  const rowBytes = <usize>channels << 2;
  for (let r = 0; r < rows; r++) {
    const from = x + <usize>r * rowBytes;
    const to = y + <usize>r * rowBytes;
    let c = 0;
    for (; c + 4 <= channels; c += 4) {
      const o = <usize>c << 2;
      v128.store(to + o, f32x4.add(f32x4.mul(v128.load(from + o), v128.load(a + o)), v128.load(b + o)));
    }
    for (; c < channels; c++) {
      const o = <usize>c << 2;
      store<f32>(to + o, load<f32>(from + o) * load<f32>(a + o) + load<f32>(b + o));
    }
  }
}

/** Per channel: Σdy and Σdy·x into acc (f64 [2C], zero at entry). */
export function batchNormGradSums(x: usize, dy: usize, rows: i32, channels: i32, acc: usize): void {
  const products = acc + (<usize>channels << 3);
  const rowBytes = <usize>channels << 2;
  for (let r = 0; r < rows; r++) {
    const xr = x + <usize>r * rowBytes;
    const gr = dy + <usize>r * rowBytes;
    let c = 0;
    for (; c + 4 <= channels; c += 4) {
      const o = <usize>c << 2;
      const g = v128.load(gr + o);
      const gx = f32x4.mul(g, v128.load(xr + o));
      const s = acc + (<usize>c << 3);
      v128.store(s, f64x2.add(v128.load(s), f64x2.promote_low_f32x4(g)));
      v128.store(s + 16, f64x2.add(v128.load(s + 16), f64x2.promote_low_f32x4(v128.shuffle<f32>(g, g, 2, 3, 0, 1))));
      const p = products + (<usize>c << 3);
      v128.store(p, f64x2.add(v128.load(p), f64x2.promote_low_f32x4(gx)));
      v128.store(p + 16, f64x2.add(v128.load(p + 16), f64x2.promote_low_f32x4(v128.shuffle<f32>(gx, gx, 2, 3, 0, 1))));
    }
    for (; c < channels; c++) {
      const o = <usize>c << 2;
      const g = load<f32>(gr + o);
      const s = acc + (<usize>c << 3);
      store<f64>(s, load<f64>(s) + <f64>g);
      const p = products + (<usize>c << 3);
      store<f64>(p, load<f64>(p) + <f64>(g * load<f32>(xr + o)));
    }
  }
}

/** dx = A·dy + B·x + C per channel (A, B, C: f32 [C] each, consecutive at abc). */
export function batchNormGradApply(x: usize, dy: usize, dx: usize, rows: i32, channels: i32, abc: usize): void {
  const rowBytes = <usize>channels << 2;
  const bs = abc + rowBytes;
  const cs = bs + rowBytes;
  for (let r = 0; r < rows; r++) {
    const base = <usize>r * rowBytes;
    let c = 0;
    for (; c + 4 <= channels; c += 4) {
      const o = <usize>c << 2;
      const v = f32x4.add(f32x4.add(f32x4.mul(v128.load(abc + o), v128.load(dy + base + o)), f32x4.mul(v128.load(bs + o), v128.load(x + base + o))), v128.load(cs + o));
      v128.store(dx + base + o, v);
    }
    for (; c < channels; c++) {
      const o = <usize>c << 2;
      store<f32>(dx + base + o, load<f32>(abc + o) * load<f32>(dy + base + o) + load<f32>(bs + o) * load<f32>(x + base + o) + load<f32>(cs + o));
    }
  }
}

// ---- MaxPooling2D gradient, 2×2 windows at stride 2 ------------------------

/**
 * Each window sends dy to the first position (row-major) holding its maximum
 * and writes zeros to its other positions; windows cut by the bottom or right
 * edge compare only the positions they have. Positions past the last window
 * are not written (the caller zeroes dx first when there are any).
 */
export function maxPoolGrad2x2(x: usize, dy: usize, dx: usize, batch: i32, inHeight: i32, inWidth: i32, outHeight: i32, outWidth: i32, channels: i32): void {
  const pixel = <usize>channels << 2;
  const rowBytes = <usize>inWidth * pixel;
  for (let n = 0; n < batch; n++) {
    for (let oy = 0; oy < outHeight; oy++) {
      const y = oy << 1;
      const secondRow = y + 1 < inHeight;
      for (let ox = 0; ox < outWidth; ox++) {
        const xx = ox << 1;
        const secondColumn = xx + 1 < inWidth;
        const p00 = <usize>((n * inHeight + y) * inWidth + xx) * pixel;
        const p01 = p00 + pixel;
        const p10 = p00 + rowBytes;
        const p11 = p10 + pixel;
        const g = dy + <usize>((n * outHeight + oy) * outWidth + ox) * pixel;
        let c = 0;
        if (secondRow && secondColumn) {
          for (; c + 4 <= channels; c += 4) {
            const o = <usize>c << 2;
            const a = v128.load(x + p00 + o);
            const b = v128.load(x + p01 + o);
            const cc = v128.load(x + p10 + o);
            const d = v128.load(x + p11 + o);
            const gtB = f32x4.gt(b, a);
            const best1 = v128.bitselect(b, a, gtB);
            const gtC = f32x4.gt(cc, best1);
            const best2 = v128.bitselect(cc, best1, gtC);
            const gtD = f32x4.gt(d, best2);
            const takeC = v128.andnot(gtC, gtD);
            const takeB = v128.andnot(v128.andnot(gtB, gtC), gtD);
            const takeA = v128.not(v128.or(v128.or(gtB, gtC), gtD));
            const grad = v128.load(g + o);
            v128.store(dx + p00 + o, v128.and(grad, takeA));
            v128.store(dx + p01 + o, v128.and(grad, takeB));
            v128.store(dx + p10 + o, v128.and(grad, takeC));
            v128.store(dx + p11 + o, v128.and(grad, gtD));
          }
        }
        for (; c < channels; c++) {
          const o = <usize>c << 2;
          let at = p00 + o;
          let best = load<f32>(x + at);
          store<f32>(dx + p00 + o, 0);
          if (secondColumn) {
            store<f32>(dx + p01 + o, 0);
            const v = load<f32>(x + p01 + o);
            if (v > best) {
              best = v;
              at = p01 + o;
            }
          }
          if (secondRow) {
            store<f32>(dx + p10 + o, 0);
            const v = load<f32>(x + p10 + o);
            if (v > best) {
              best = v;
              at = p10 + o;
            }
            if (secondColumn) {
              store<f32>(dx + p11 + o, 0);
              if (load<f32>(x + p11 + o) > best) at = p11 + o;
            }
          }
          store<f32>(dx + at, load<f32>(g + o));
        }
      }
    }
  }
}

// ---- Adam ------------------------------------------------------------------

/**
 * One weight's Adam step over n floats, exactly as tfjs's element-wise
 * kernels round it (every operation in float32):
 * m' = β1·m + (1−β1)·g, v' = β2·v + (1−β2)·g²,
 * w' = ((m'/c1) / (√(v'/c2) + ε))·step + w with c = 1 − β^t and step = −lr.
 */
export function adamUpdate(
  value: usize, gradient: usize, m: usize, v: usize, outValue: usize, outM: usize, outV: usize, n: i32,
  beta1: f32, beta2: f32, oneMinusBeta1: f32, oneMinusBeta2: f32, correction1: f32, correction2: f32, epsilon: f32, step: f32,
): void {
  const b1 = f32x4.splat(beta1);
  const b2 = f32x4.splat(beta2);
  const ob1 = f32x4.splat(oneMinusBeta1);
  const ob2 = f32x4.splat(oneMinusBeta2);
  const c1 = f32x4.splat(correction1);
  const c2 = f32x4.splat(correction2);
  const eps = f32x4.splat(epsilon);
  const lr = f32x4.splat(step);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    const g = v128.load(gradient + o);
    const newM = f32x4.add(f32x4.mul(v128.load(m + o), b1), f32x4.mul(g, ob1));
    const newV = f32x4.add(f32x4.mul(v128.load(v + o), b2), f32x4.mul(f32x4.mul(g, g), ob2));
    const denominator = f32x4.add(f32x4.sqrt(f32x4.div(newV, c2)), eps);
    v128.store(outM + o, newM);
    v128.store(outV + o, newV);
    v128.store(outValue + o, f32x4.add(f32x4.mul(f32x4.div(f32x4.div(newM, c1), denominator), lr), v128.load(value + o)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const g = load<f32>(gradient + o);
    const newM = load<f32>(m + o) * beta1 + g * oneMinusBeta1;
    const newV = load<f32>(v + o) * beta2 + g * g * oneMinusBeta2;
    const denominator = Mathf.sqrt(newV / correction2) + epsilon;
    store<f32>(outM + o, newM);
    store<f32>(outV + o, newV);
    store<f32>(outValue + o, ((newM / correction1) / denominator) * step + load<f32>(value + o));
  }
}
