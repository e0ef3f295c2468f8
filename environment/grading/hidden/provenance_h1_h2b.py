"""Provenance of the H1d/H1e acceptance regions and of the H2b wrong answers (offline, numpy; not needed to grade).
INSTRUCTOR-ONLY. Output of the run used for H1.py's comments (numpy 2.4, seeds 5 and 7):
  delta 0.5: quad 0.359 quad-wrongdir 0.005 lin1800 0.789 lin1800-2sided 0.789 lin60 0.122 (1000 runs)
  m=1800 size 0.0466 two-sided 0.0984 1.96 0.0232 | m=2000 size 0.0503 two-sided 0.1016 1.96 0.0267 (20 000 runs)
  power 1800 0.794, power 60 0.126 (4000 runs)
  H2b (N = M = 600, a = (1, 1.5)): correct 0.485 sd 0.037; sign flipped -0.487; z_1, z_2 from different x -1.16 sd 0.14;
  one marginal left out -1.47 sd 0.026 (100 runs each)
"""
import numpy as np, sys
rng = np.random.default_rng(5)
def lin_z(a, c):
    x1,x2,y1,y2 = a[0::2],a[1::2],c[0::2],c[1::2]
    k=lambda u,v: np.exp(-(u-v)**2/2)
    h = k(x1,x2)+k(y1,y2)-k(x1,y2)-k(x2,y1)
    return h.mean()/(h.std(ddof=1)/np.sqrt(len(h)))
def quad_rej(n, delta, perms=200, wrongdir=False):
    p = np.concatenate([rng.standard_normal(n), rng.standard_normal(n)+delta])
    K = np.exp(-(p[:,None]-p[None,:])**2/2)
    def stat(idx):
        Kp = K[np.ix_(idx,idx)]
        kxx = Kp[:n,:n].sum()-np.trace(Kp[:n,:n]); kyy = Kp[n:,n:].sum()-np.trace(Kp[n:,n:]); kxy = Kp[:n,n:].sum()
        return (kxx+kyy)/(n*(n-1)) - 2*kxy/(n*n)
    idx = np.arange(2*n); obs = stat(idx)
    s = np.array([stat(rng.permutation(2*n)) for _ in range(perms)])
    at = (s <= obs).sum() if wrongdir else (s >= obs).sum()
    return (1+at)/(1+perms) <= 0.05
R = 1000
for delta in (0.5, 0.0):
    ql = [quad_rej(30, delta) for _ in range(R)]
    qw = [quad_rej(30, delta, wrongdir=True) for _ in range(R)]
    zs = np.array([lin_z(rng.standard_normal(1800), rng.standard_normal(1800)+delta) for _ in range(R)])
    z60 = np.array([lin_z(rng.standard_normal(60), rng.standard_normal(60)+delta) for _ in range(R)])
    z30 = np.array([lin_z(rng.standard_normal(30), rng.standard_normal(30)+delta) for _ in range(R)])
    print(f"delta {delta}: quad {np.mean(ql):.3f} quad-wrongdir {np.mean(qw):.3f} lin1800 {np.mean(zs>1.645):.3f} lin1800-2sided {np.mean(abs(zs)>1.645):.3f} lin60 {np.mean(z60>1.645):.3f} lin30 {np.mean(z30>1.645):.3f} lin1800 z>1.96 {np.mean(zs>1.96):.3f}")
# H1d: m=2000
zd = np.array([lin_z(rng.standard_normal(2000), rng.standard_normal(2000)) for _ in range(4*R)])
print(f"H1d size: {np.mean(zd>1.645):.4f} two-sided {np.mean(abs(zd)>1.645):.4f} 1.96 {np.mean(zd>1.96):.4f}")
rng = np.random.default_rng(7)
def lin_z_batch(R, m, delta):
    a = rng.standard_normal((R, m)); c = rng.standard_normal((R, m)) + delta
    x1,x2,y1,y2 = a[:,0::2],a[:,1::2],c[:,0::2],c[:,1::2]
    k=lambda u,v: np.exp(-(u-v)**2/2)
    h = k(x1,x2)+k(y1,y2)-k(x1,y2)-k(x2,y1)
    return h.mean(1)/(h.std(1,ddof=1)/np.sqrt(h.shape[1]))
for m in (1800, 2000):
    z = np.concatenate([lin_z_batch(2000, m, 0.0) for _ in range(10)])
    print(m, "size", (z>1.645).mean(), "two-sided", (abs(z)>1.645).mean(), "1.96", (z>1.96).mean(), "n", len(z))
z = np.concatenate([lin_z_batch(2000, 1800, 0.5) for _ in range(2)])
print("power 1800", (z>1.645).mean())
z = np.concatenate([lin_z_batch(2000, 60, 0.5) for _ in range(2)])
print("power 60", (z>1.645).mean())
# H2b wrong answers at N=M=600, a=(1,1.5), s=(0.5,0.8)
a=np.array([1,1.5]); s=np.array([0.5,0.8])
def lse(v): mx=v.max(1,keepdims=True); return (mx[:,0]+np.log(np.exp(v-mx).sum(1)))-np.log(v.shape[1])
def est(N,M,mode):
    xs=rng.standard_normal(N); n=rng.integers(0,N,M); x=xs[n]
    if mode=="indep":
        x2 = xs[rng.integers(0,N,M)]
        z=np.stack([a[0]*x+s[0]*rng.standard_normal(M), a[1]*x2+s[1]*rng.standard_normal(M)],1)
    else:
        z=a[None,:]*x[:,None]+s[None,:]*rng.standard_normal((M,2))
    l=-0.5*np.log(2*np.pi)-np.log(s)[None,None,:]-(z[:,None,:]-a[None,None,:]*xs[None,:,None])**2/(2*s**2)
    if mode=="correct": return np.mean(lse(l.sum(2))-lse(l[:,:,0])-lse(l[:,:,1]))
    if mode=="sign": return -np.mean(lse(l.sum(2))-lse(l[:,:,0])-lse(l[:,:,1]))
    if mode=="indep": return np.mean(lse(l.sum(2))-lse(l[:,:,0])-lse(l[:,:,1]))
    if mode=="onemarg": return np.mean(lse(l.sum(2))-lse(l[:,:,0]))
for mode in ("correct","sign","indep","onemarg"):
    e=np.array([est(600,600,mode) for _ in range(100)])
    print("H2b", mode, e.mean(), e.std())
