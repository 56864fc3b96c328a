# Theorem 1's MSE (solid) and bias (dashed) for three directions of w*, with the common variance
# (dotted): d = 100, geometric:100 spectrum, sigma = 0.1, ||w*|| = 1. Data: figures/bias-variance-*.dat,
# written by src/bias-variance-data.sh. Run from notebooks-exported/: gnuplot bias-variance-alignment.gp
set encoding utf8
set terminal pngcairo size 1100,760 font "sans,12" noenhanced
set output "figures/bias-variance-alignment.png"
set title "Where w* points: MSE = bias + variance of min-norm least squares under the surrogate design\nd = 100, spectrum = geometric:100, sigma = 0.1, ||w*|| = 1 (Theorem 1, closed forms)"
set xlabel "n/d (samples per parameter)"
set ylabel "E||w_hat - w*||^2"
set logscale y
set xrange [0:3]
set yrange [0.001:50]
set format y "%g"
set grid xtics ytics mytics lc rgb "#dddddd" lw 1 dt 1
set key outside below center horizontal maxrows 3 box lc rgb "#bbbbbb" width 1
set bmargin 8
set border lw 1.2
set arrow from 1, graph 0 to 1, graph 1 nohead lw 1.5 dt 3 lc rgb "#444444" front
set label "n = d" at 1, graph 0.96 offset 0.6, 0 left tc rgb "#444444" front
set label "||w*||^2 (the estimate w_hat = 0)" at 2.95, 1.25 right tc rgb "#777777" front
top = "figures/bias-variance-top.dat"
iso = "figures/bias-variance-isotropic.dat"
bot = "figures/bias-variance-bottom.dat"
plot 1 with lines lc rgb "#aaaaaa" lw 1 dt 2 notitle, \
     top using 2:3 with lines lc rgb "#d62728" lw 2.5 title "MSE, w* = top eigenvector", \
     iso using 2:3 with lines lc rgb "#1f4e9c" lw 2.5 title "MSE, w* isotropic", \
     bot using 2:3 with lines lc rgb "#2ca02c" lw 2.5 title "MSE, w* = bottom eigenvector", \
     top using 2:($1 < 100 ? $4 : 1/0) with lines lc rgb "#d62728" lw 1.5 dt (8, 5) title "bias, top", \
     iso using 2:($1 < 100 ? $4 : 1/0) with lines lc rgb "#1f4e9c" lw 1.5 dt (8, 5) title "bias, isotropic", \
     bot using 2:($1 < 100 ? $4 : 1/0) with lines lc rgb "#2ca02c" lw 1.5 dt (8, 5) title "bias, bottom", \
     top using 2:5 with lines lc rgb "#000000" lw 1.5 dt (2, 3) title "variance (all three)"
