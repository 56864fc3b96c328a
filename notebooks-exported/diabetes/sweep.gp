# ddcalc sweep, drawn by gnuplot: cd into this folder, then run `gnuplot sweep.gp`
# (or `ddcalc plot FOLDER`); writes sweep.png and sweep.svg from sweep.dat.
# ddcalc sweep: MSE of the min-norm estimator on a data set; theory = exact finite-population form for n < d, Theorem 1's continuous approximation for n >= d (exact = no); mc = Monte Carlo
# d = 10, spectrum = data, wstar = isotropic, wnorm = 1, sigma = 0.5, features = data, data = data/diabetes/diabetes.csv, rows = 442, target = progression, trials = 4000, design = both, seed = 1

set encoding utf8
set title "Min-norm least squares: expected estimation error vs samples per parameter\nd = 10, spectrum = data, w* = isotropic, ||w*|| = 1, sigma = 0.5, features = data, data = data/diabetes/diabetes.csv, rows = 442\ntarget = progression, trials = 4000, design = both, seed = 1"
set xlabel "n/d (samples per parameter)"
set ylabel "MSE  E||w_hat - w*||^2"
set logscale y
set format y "%g"
set grid xtics ytics mytics lc rgb "#dddddd" lw 1 dt 1
set key outside below center horizontal maxrows 4 reverse Left width 2 box lc rgb "#bbbbbb"
set tmargin 5
set bmargin 10
set border lw 1.2
set bars small
set arrow from 1, graph 0 to 1, graph 1 nohead lw 1.5 dt 3 lc rgb "#444444" front
set label "n = d" at 1, graph 0.97 offset 0.6, 0 left tc rgb "#444444" front

set terminal pngcairo size 1280,900 font "sans,12" noenhanced
set output "sweep.png"
plot "sweep.dat" using 2:15:16 notitle with yerrorbars lc rgb "#ff7f0e" pt 6 ps 1.05 lw 1, \
     "sweep.dat" using 2:12:13 notitle with yerrorbars lc rgb "#d62728" pt 7 ps 0.83 lw 1, \
     "sweep.dat" using 2:9 notitle with lines lc rgb "#555555" lw 1.5 dt (8, 5), \
     "sweep.dat" using 2:7 notitle with lines lc rgb "#9467bd" lw 1.5 dt 1, \
     "sweep.dat" using 2:6 notitle with lines lc rgb "#5b9bd5" lw 1.5 dt 1, \
     "sweep.dat" using 2:5 notitle with lines lc rgb "#1f4e9c" lw 2.5 dt 1, \
     keyentry with lines lc rgb "#1f4e9c" lw 2.5 dt 1 title "theory MSE (exact finite population for n < d; Theorem 1 approximation for n >= d)", \
     keyentry with lines lc rgb "#5b9bd5" lw 1.5 dt 1 title "theory bias", \
     keyentry with lines lc rgb "#9467bd" lw 1.5 dt 1 title "theory variance", \
     keyentry with lines lc rgb "#555555" lw 1.5 dt (8, 5) title "deterministic equivalent, i.i.d. design", \
     keyentry with yerrorbars lc rgb "#d62728" pt 7 ps 0.83 lw 1 title "Monte Carlo, surrogate design (+/- stderr)", \
     keyentry with yerrorbars lc rgb "#ff7f0e" pt 6 ps 1.05 lw 1 title "Monte Carlo, i.i.d. design (+/- stderr)"

set terminal svg size 1280,900 font "sans,12" noenhanced background rgb "white"
set output "sweep.svg"
replot
unset output
